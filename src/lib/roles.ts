// The four roles, for the server (grants, scopes) and the browser (navigation) alike: what a role
// may do is decided on the server (`server/auth/scopes.ts`), this only names them.
export const ROLES = ['referent', 'elu', 'analyste', 'admin'] as const;
export type Role = (typeof ROLES)[number];
