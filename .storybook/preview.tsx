import '@confide/react/styles.css';
import type { Preview } from '@storybook/react-vite';
import { confideLoader, withConfide } from '../packages/react/src/stories/confide-story.js';

const preview: Preview = {
  loaders: [confideLoader],
  decorators: [withConfide],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // Every story's accessibility check fails its test on a violation.
    a11y: { test: 'error' },
  },
  globalTypes: {
    theme: {
      description: 'Colour theme of the kit',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Locale of dates and times (Arabic shows right-to-left)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en-GB', title: 'English (UK)' },
          { value: 'en-US', title: 'English (US)' },
          { value: 'de-DE', title: 'Deutsch' },
          { value: 'ar-EG', title: 'العربية (right-to-left)' },
        ],
        dynamicTitle: true,
      },
    },
    stylesheet: {
      description: "Whether the kit's styles.css applies (unstyled mode: hosts style the parts themselves)",
      toolbar: {
        title: 'Styles',
        icon: 'paintbrush',
        items: [
          { value: 'kit', title: 'styles.css' },
          { value: 'none', title: 'Unstyled' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en-GB', stylesheet: 'kit' },
  tags: ['autodocs'],
};

export default preview;
