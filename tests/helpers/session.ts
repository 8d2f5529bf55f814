// Moved to support/ (shared with the benches, which do not import tests/).
export * from '../../support/session';
