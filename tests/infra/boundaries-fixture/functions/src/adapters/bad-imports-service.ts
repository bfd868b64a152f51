// Breaks adapters-not-to-services: an adapter imports a service.
import { fileCase } from '../services/use-case';

export const file = fileCase;
