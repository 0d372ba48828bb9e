import { describeBlobStoreContract } from './blob-store-contract.js';
import { createMemoryBlobStore } from './memory-blob-store.js';

describeBlobStoreContract('memory blob store', () => createMemoryBlobStore());
