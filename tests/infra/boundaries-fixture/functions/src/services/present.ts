export const describeCase = (id: string) => `case ${id}`;
