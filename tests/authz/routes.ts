// THE AUTHORIZATION MATRIX: one entry per route of the app (route id as in src/routes, groups
// removed) with the expected answer for each persona, for GET and for every form action.
//
// HOW TO ADD A ROUTE: add an entry below with its route id, a concrete `path` for the sample
// request, then `get` (pages and GET endpoints) and one line per form action or other method.
// Use the helpers: `page(['eluA', ...])` means those personas get 200 and every other signed-in
// persona 403, the anonymous visitor a redirect to the login form; `post([...], 400)` means those
// personas get 400 with an empty form (validation refused) and the others 403, anonymous 401.
// Deactivated users cannot sign in and are checked against the anonymous column.
// The test fails for any route file without an entry, and any action without an expectation.
import { findChromium } from '../helpers/browser';

export const PERSONAS = [
	'anonymous',
	'referentA',
	'referentB',
	'eluA',
	'eluB',
	'analyste',
	'admin'
] as const;
export type Persona = (typeof PERSONAS)[number];
export type Signed = Exclude<Persona, 'anonymous'>;
/** a status code, or `login` for a 303 redirect to /connexion */
export type Expected = number | 'login';
export type Row = Record<Persona, Expected>;

export interface Context {
	userIds: Record<string, string>;
}

export interface RouteEntry {
	route: string;
	path: string | ((ctx: Context) => string);
	get?: Row;
	/** form actions of the page (`default` for an unnamed action) */
	actions?: Record<string, Row>;
	/** other methods of a +server.ts endpoint */
	methods?: Partial<Record<'POST' | 'PUT' | 'PATCH' | 'DELETE', Row>>;
	/** the action ends the persona's session: sign in again after it */
	endsSession?: string[];
}

const SIGNED: Signed[] = ['referentA', 'referentB', 'eluA', 'eluB', 'analyste', 'admin'];

function row(anonymous: Expected, allowed: Signed[], ok: Expected, denied: Expected): Row {
	const r = { anonymous } as Row;
	for (const p of SIGNED) r[p] = allowed.includes(p) ? ok : denied;
	return r;
}
export const everyone = (status: Expected): Row => row(status, SIGNED, status, status);
export const page = (allowed: Signed[] | 'all', ok: Expected = 200, denied: Expected = 403) =>
	row('login', allowed === 'all' ? SIGNED : allowed, ok, denied);
export const post = (allowed: Signed[] | 'all', ok: Expected = 400, denied: Expected = 403) =>
	row(401, allowed === 'all' ? SIGNED : allowed, ok, denied);

const ADMIN: Signed[] = ['admin'];
const DEPARTEMENT: Signed[] = ['analyste', 'admin'];
const PLENARY: Signed[] = ['eluA', 'analyste', 'admin'];
const PLENARY_EDIT: Signed[] = ['eluA', 'admin'];

export const MATRIX: RouteEntry[] = [
	// Public pages.
	{ route: '/', path: '/', get: everyone(200) },
	{
		route: '/connexion',
		path: '/connexion',
		// A signed-in user is sent on to its landing page.
		get: { ...everyone(303), anonymous: 200 },
		// An empty form is refused (400); a signed-in user is then sent on by the load (303).
		actions: { login: { ...everyone(303), anonymous: 400 } }
	},
	{
		route: '/connexion/totp',
		path: '/connexion/totp',
		get: everyone(303),
		actions: { verify: everyone(303) }
	},
	// SSO is not configured in the matrix server: 404 for everyone.
	{ route: '/connexion/sso', path: '/connexion/sso', get: everyone(404) },
	{ route: '/connexion/sso/retour', path: '/connexion/sso/retour', get: everyone(404) },
	{
		route: '/deconnexion',
		path: '/deconnexion',
		get: everyone(200),
		actions: { default: everyone(303) },
		endsSession: ['default']
	},
	{
		route: '/invitation/[token]',
		path: '/invitation/jeton-inconnu',
		get: everyone(404),
		actions: { accept: { ...everyone(404) } }
	},

	// Own account: every signed-in user.
	{
		route: '/compte',
		path: '/compte',
		get: page('all'),
		actions: {
			startTotp: post('all', 400),
			confirmTotp: post('all', 400),
			disableTotp: post('all', 400),
			changePassword: post('all', 400),
			logoutEverywhere: post('all', 303)
		},
		endsSession: ['logoutEverywhere']
	},

	// Administration: admins of the département only.
	{ route: '/admin', path: '/admin', get: page(ADMIN) },
	{ route: '/admin/communes', path: '/admin/communes', get: page(ADMIN) },
	{
		route: '/admin/groupes',
		path: '/admin/groupes',
		get: page(ADMIN),
		actions: { create: post(ADMIN) }
	},
	{
		route: '/admin/groupes/[id]',
		path: '/admin/groupes/evry-courcouronnes-cve',
		get: page(ADMIN),
		actions: { save: post(ADMIN) }
	},
	{
		// read-only: the group's versions and refused attempts, no row-level data
		route: '/admin/groupes/[id]/envois',
		path: '/admin/groupes/evry-courcouronnes-cve/envois',
		get: page(ADMIN)
	},
	{
		route: '/admin/utilisateurs',
		path: '/admin/utilisateurs',
		get: page(ADMIN),
		actions: { invite: post(ADMIN) }
	},
	{
		// The sample is the admin's own account: the actions refuse to lock it out of itself; an
		// empty role form does not state the roles it saw, so it changes nothing (409).
		route: '/admin/utilisateurs/[id]',
		path: (ctx) => `/admin/utilisateurs/${ctx.userIds['admin@demo.bilans.fr']}`,
		get: page(ADMIN),
		actions: {
			saveRoles: post(ADMIN, 409),
			deactivate: post(ADMIN, 400),
			reactivate: post(ADMIN, 200),
			reinvite: post(ADMIN, 400)
		}
	},
	{
		route: '/admin/parametres',
		path: '/admin/parametres',
		get: page(ADMIN),
		actions: { save: post(ADMIN) }
	},
	{ route: '/admin/journal', path: '/admin/journal', get: page(ADMIN) },
	{ route: '/admin/journal/export', path: '/admin/journal/export', get: page(ADMIN) },

	// The referent's flow (issue 5): referents of the group only; referentA is referent of
	// evry-courcouronnes-cve, referentB of massy-clspd. Raw uploads answer 422 (empty file refused).
	{ route: '/groupe', path: '/groupe', get: page(['referentA', 'referentB'], 303) },
	{ route: '/groupe/[id]', path: '/groupe/evry-courcouronnes-cve', get: page(['referentA']) },
	{
		route: '/groupe/[id]/[period]/[kind]',
		path: '/groupe/evry-courcouronnes-cve/2025-S2/situations',
		get: page(['referentA'])
	},
	{
		route: '/groupe/[id]/[period]/[kind]/envoi',
		path: '/groupe/evry-courcouronnes-cve/2026-S1/situations/envoi',
		methods: { POST: post(['referentA'], 422) }
	},
	{
		route: '/groupe/[id]/[period]/[kind]/lignes',
		path: '/groupe/evry-courcouronnes-cve/2025-S2/seances/lignes',
		get: page(['referentA'])
	},
	{
		route: '/groupe/[id]/[period]/[kind]/original/[version]',
		path: '/groupe/evry-courcouronnes-cve/2025-S2/seances/original/1',
		get: page(['referentA'])
	},
	{
		// the compte rendu check (§4): the page only, the document never reaches the server
		route: '/groupe/[id]/compte-rendu',
		path: '/groupe/evry-courcouronnes-cve/compte-rendu',
		get: page(['referentA'])
	},
	// Each group's charter (issue 16): read by whoever reads the group's bilan (its referents, the
	// élus of its communes, analyste and admin), kept by its referents only.
	{
		route: '/groupe/[id]/membres',
		path: '/groupe/evry-courcouronnes-cve/membres',
		get: page(['referentA', ...PLENARY]),
		actions: {
			ajouter: post(['referentA']),
			retirer: post(['referentA']),
			coordinateur: post(['referentA'])
		}
	},
	{
		route: '/groupe/[id]/protocole',
		path: '/groupe/evry-courcouronnes-cve/protocole',
		get: page(['referentA', ...PLENARY]),
		actions: { enregistrer: post(['referentA']) }
	},
	{
		// the incident letters (§4): row-level data of the group, its referents only
		route: '/groupe/[id]/incidents',
		path: '/groupe/evry-courcouronnes-cve/incidents',
		get: page(['referentA']),
		actions: { ajouter: post(['referentA']) }
	},
	{
		route: '/groupe/[id]/incidents/[lettre]',
		path: '/groupe/evry-courcouronnes-cve/incidents/demo-lettre-evry-courcouronnes-cve-1',
		get: page(['referentA']),
		actions: { modifier: post(['referentA']) }
	},
	{
		route: '/groupe/[id]/[period]/bilan',
		path: '/groupe/evry-courcouronnes-cve/2026-S1/bilan',
		get: page(['referentA']),
		actions: { brouillon: post(['referentA']), envoyer: post(['referentA']) }
	},

	// The plenary bilan (issue 7): élus of the commune, analyste and admin of its département.
	// eluA is the élu of Évry (91228), eluB of Massy; an élu with one commune is sent on to it.
	{
		route: '/commune',
		path: '/commune',
		get: { ...page(['analyste', 'admin']), eluA: 303, eluB: 303 }
	},
	{ route: '/commune/[code]', path: '/commune/91228', get: page(PLENARY, 303) },
	{ route: '/commune/[code]/[period]', path: '/commune/91228/2025-S2', get: page(PLENARY) },
	// The commune's local protocol: read as the commune's bilan, recorded by its élus only.
	{
		route: '/commune/[code]/protocole',
		path: '/commune/91228/protocole',
		get: page(PLENARY),
		actions: { enregistrer: post(['eluA']) }
	},
	{
		route: '/commune/[code]/[period]/donnees.parquet',
		path: '/commune/91228/2025-S2/donnees.parquet',
		get: page(PLENARY)
	},
	{
		route: '/commune/[code]/[period]/imprimer',
		path: '/commune/91228/2025-S2/imprimer',
		get: page(PLENARY)
	},
	{
		// Printed by the server's Chromium; without it, sent on to the print view (303).
		route: '/commune/[code]/[period]/bilan.pdf',
		path: '/commune/91228/2025-S2/bilan.pdf',
		get: page(PLENARY, findChromium() ? 200 : 303)
	},
	// Plenary sessions (issue 16): read with the commune's bilan; recorded by the commune's élu
	// and the admin only (an empty form is refused: 400).
	{ route: '/commune/[code]/pleniere', path: '/commune/91228/pleniere', get: page(PLENARY) },
	{
		route: '/commune/[code]/pleniere/nouvelle',
		path: '/commune/91228/pleniere/nouvelle',
		get: page(PLENARY_EDIT),
		actions: { enregistrer: post(PLENARY_EDIT) }
	},
	{
		route: '/commune/[code]/pleniere/[id]',
		path: '/commune/91228/pleniere/demo-pleniere-91228-2025-03',
		get: page(PLENARY),
		actions: { modifier: post(PLENARY_EDIT) }
	},

	// Pages of other modules (owners: keep these in step with their scope checks).
	// Public contract pages (allow-list in src/lib/server/auth/guard.ts).
	{ route: '/contrat', path: '/contrat', get: everyone(200) },
	{ route: '/contrat/modeles/[kind]', path: '/contrat/modeles/situations', get: everyone(200) },
	{
		route: '/contrat/modeles/[kind]/excel',
		path: '/contrat/modeles/seances/excel',
		get: everyone(200)
	},
	// The département (issue 8): analysts and admins of the département only.
	{ route: '/departement', path: '/departement', get: page(DEPARTEMENT, 303) },
	{
		// « Publier la période » without a period nor the confirmation box is refused (400).
		route: '/departement/[code]',
		path: '/departement/91',
		get: page(DEPARTEMENT),
		actions: { publier: post(DEPARTEMENT) }
	},
	{
		route: '/departement/[code]/campagnes',
		path: '/departement/91/campagnes',
		get: page(DEPARTEMENT),
		actions: { open: post(DEPARTEMENT) }
	},
	{
		// The demo campaign (2026-S1); closing it without the confirmation box is refused (400).
		route: '/departement/[code]/campagnes/[id]',
		path: '/departement/91/campagnes/demo-2026-s1',
		get: page(DEPARTEMENT),
		actions: { close: post(DEPARTEMENT) }
	},
	{
		route: '/departement/[code]/comparer',
		path: '/departement/91/comparer',
		get: page(DEPARTEMENT)
	},
	{
		route: '/departement/[code]/comparer/donnees',
		path: '/departement/91/comparer/donnees',
		get: page(DEPARTEMENT)
	},
	// Without a format the export is refused (400); every table and format is checked end to end.
	{
		route: '/departement/[code]/export',
		path: '/departement/91/export',
		get: page(DEPARTEMENT, 400)
	},
	{
		route: '/departement/[code]/bilan-annuel/[year]',
		path: '/departement/91/bilan-annuel/2025',
		get: page(DEPARTEMENT),
		actions: { comment: post(DEPARTEMENT) }
	},
	// A year without data: 404 before Chromium starts (the PDF itself is produced end to end).
	{
		route: '/departement/[code]/bilan-annuel/[year]/pdf',
		path: '/departement/91/bilan-annuel/2019/pdf',
		get: page(DEPARTEMENT, 404)
	}
];
