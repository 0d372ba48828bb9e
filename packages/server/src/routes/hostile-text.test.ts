import { createTestApp } from '../testing/test-app.js';
import { describeHostileTextRefusals } from './hostile-text-contract.js';

describeHostileTextRefusals('hostile text over the memory store', () => createTestApp());
