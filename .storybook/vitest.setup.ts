import * as a11yAddonAnnotations from '@storybook/addon-a11y/preview';
import { setProjectAnnotations } from '@storybook/react-vite';
import { configure } from 'storybook/test';
import * as projectAnnotations from './preview.js';

setProjectAnnotations([a11yAddonAnnotations, projectAnnotations]);
// CI machines are shared and slow at times: wait for what a play function looks for well beyond the 1 s default.
configure({ asyncUtilTimeout: 10_000 });
