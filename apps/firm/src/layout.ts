/**
 * Windows at most this wide show one pane at a time (the index or the open conversation) and a wrapped top bar:
 * a phone, or a desktop window zoomed to 200 % (1280 CSS px become 640). Kept equal to the media queries in
 * styles.css, which cannot read a constant.
 */
export const ONE_PANE_MAX_WIDTH_PX = 760;

/** The media query of the one-pane layout. */
export const ONE_PANE_QUERY = `(max-width: ${ONE_PANE_MAX_WIDTH_PX}px)`;
