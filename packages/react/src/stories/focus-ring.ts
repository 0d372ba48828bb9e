/**
 * Whether the focus ring drawn around `element` lies inside the visible box of `clipper`, the ancestor that clips it
 * (a list that scrolls, a pane that hides its overflow): for each edge, whether the ring's outer line is on screen.
 */
export function ringInside(element: HTMLElement, clipper: HTMLElement) {
  const style = getComputedStyle(element);
  const reach = Number.parseFloat(style.outlineOffset) + Number.parseFloat(style.outlineWidth);
  const ring = element.getBoundingClientRect();
  const box = clipper.getBoundingClientRect();
  const left = box.left + clipper.clientLeft;
  const top = box.top + clipper.clientTop;
  return {
    left: ring.left - reach >= left,
    right: ring.right + reach <= left + clipper.clientWidth,
    top: ring.top - reach >= top,
  };
}
