import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of a Backstage test app loads much of the app's code: on a busy 2-core CI
// machine `findBy*` may need more than its default second, and a test more than Jest's 5 s.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(20_000);
