// Two cores shared with forked integration suites: findBy/waitFor get 5 s, not 1 s, before failing.
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 5000 });
