export const x = "CRIBLEAK";
