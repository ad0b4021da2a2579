import { workerdProject } from './workerd-project.ts';

export default workerdProject('worker', ['tests/worker/**/*.test.ts']);
