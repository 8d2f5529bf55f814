// Signing a demo persona in over fetch, for the referent's tests and bench.
export { DEMO_PASSWORD, loginCookie } from '../helpers/session';
