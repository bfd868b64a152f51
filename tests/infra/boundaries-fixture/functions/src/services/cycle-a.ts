// Breaks no-circular-backend (with cycle-b.ts): cycle-a → cycle-b → cycle-a.
import { b } from './cycle-b';

export const a = () => b;
