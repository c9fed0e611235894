#!/usr/bin/env node
// The pack authors' command line: `npx qorgau pack lint|build …`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/qorgau.ts');
