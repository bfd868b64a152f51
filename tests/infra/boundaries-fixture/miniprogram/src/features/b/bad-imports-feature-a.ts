// Breaks miniprogram-features-isolated: feature b imports feature a.
import { steps } from '../a/steps';

export const trackSteps = steps;
