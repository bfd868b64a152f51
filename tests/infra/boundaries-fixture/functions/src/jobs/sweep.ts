// Allowed in jobs: app, services, lib.
import { container } from '../app/container';
import { describeCase } from '../services/present';

export const sweep = () => describeCase(container.stage);
