// Allowed in components: lib, other components.
import { request } from '../lib/request';

export const field = (name: string) => request(name);
