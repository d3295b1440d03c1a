// Browser tests of the member portal: the real API and PostgreSQL (demo data), the built portal,
// headless Chromium at a phone's size (390×844) and a desktop's. Run by `npm test` after the
// console's, or alone with `pnpm --filter @epairs/member-portal test:browser` after
// `npm run build`. Screenshots go to packages/member-portal/e2e-artifacts/.
import { after, before } from 'node:test';
import { startRun, stopRun } from './support/portal.mjs';
import './scenarios/bundle-budget.mjs';
import './scenarios/smoke.mjs';
import './scenarios/self-service.mjs';
import './scenarios/relay.mjs';
import './scenarios/content.mjs';
import './scenarios/member-journey.mjs';

before(startRun);
after(stopRun);
