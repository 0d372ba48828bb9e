import { createTestApp } from '../testing/test-app.js';
import { describeMailAtDelivery } from './mail-at-delivery-contract.js';

describeMailAtDelivery('mail checked again at delivery (memory store)', () => createTestApp());
