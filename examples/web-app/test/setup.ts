// Testing Library's findBy*/waitFor give up after 1 s by default; on a loaded CI machine a render
// and a mocked fetch can take longer. They still resolve as soon as the element appears.
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 10_000 });
