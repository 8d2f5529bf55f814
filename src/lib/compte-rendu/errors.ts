// A document that cannot be read, with a French message saying what to do.
export class DocumentError extends Error {}
