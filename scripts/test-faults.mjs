import { ensureBuild, ensureServices } from './services.mjs';
await ensureServices();
ensureBuild();
