import { createTestApp } from '../testing/test-app.js';
import { describeRouteFuzz } from './fuzz-contract.js';

// A few thousand requests: seconds over the memory store, so it runs in every `pnpm test`.
const FUZZ_RUNS = 3_000;

describeRouteFuzz('the route table under fuzzing (memory store)', () => createTestApp(), FUZZ_RUNS);
