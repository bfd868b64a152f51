// Breaks lib-is-a-leaf: lib imports a service.
import { fileCase } from '../services/use-case';

export const handler = fileCase;
