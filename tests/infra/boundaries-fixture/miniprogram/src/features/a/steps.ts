export const steps = ['describe', 'locate', 'confirm'];
