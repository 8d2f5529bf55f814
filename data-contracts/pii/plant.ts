// Plants one synthetic personal identifier in a generated row (for `npm run gen -- --pii-share`
// and the detector's tests): the validator must refuse that row at that column.
import type { TabularKind } from '../codes';
import { FRENCH_MONTHS } from '../normalize';

export type PlantedType =
	'email' | 'phone' | 'nir' | 'iban' | 'ine' | 'plate' | 'birthdate' | 'address' | 'name';

export const PLANTED_TYPES: PlantedType[] = [
	'email',
	'phone',
	'nir',
	'iban',
	'ine',
	'plate',
	'birthdate',
	'address',
	'name'
];

const FIRST = [
	'Lucas',
	'Emma',
	'Kevin',
	'Nathalie',
	'Mohamed',
	'Inès',
	'Thomas',
	'Camille',
	'Yanis',
	'Chloé',
	'Mamadou',
	'Léa',
	'Sofiane',
	'Manon',
	'Julien',
	'Aïcha'
];
const LAST = [
	'Dupont',
	'Lefebvre',
	'Moreau',
	'Girard',
	'Benali',
	'Diallo',
	'Fournier',
	'Nguyen',
	'Traoré',
	'Lambert',
	'Rousseau',
	'Bonnet',
	'Mercier',
	'Garnier',
	'Chevalier',
	'Haddad'
];
const WAYS = [
	'rue',
	'avenue',
	'boulevard',
	'allée',
	'impasse',
	'chemin',
	'place',
	'route',
	'quai',
	'résidence'
];
const LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';

type Rng = () => number;
const pick = <T>(r: Rng, a: readonly T[]): T => a[Math.floor(r() * a.length)];
const digits = (r: Rng, n: number) =>
	Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const pad = (n: number) => String(n).padStart(2, '0');

function nir(r: Rng): string {
	const body = `${1 + Math.floor(r() * 2)}${pad(Math.floor(r() * 100))}${pad(1 + Math.floor(r() * 12))}${pad(1 + Math.floor(r() * 95))}${digits(r, 3)}${digits(r, 3)}`;
	const key = 97 - Number(BigInt(body) % 97n);
	const full = body + pad(key);
	return r() < 0.5
		? full
		: full.replace(/^(\d)(\d{2})(\d{2})(\d{2})(\d{3})(\d{3})(\d{2})$/, '$1 $2 $3 $4 $5 $6 $7');
}

function iban(r: Rng): string {
	const bban = digits(r, 10) + digits(r, 11) + digits(r, 2);
	// check digits: 98 - (bban + "FR00" as numbers) mod 97
	const num = (bban + 'FR00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
	const check = 98 - Number(BigInt(num) % 97n);
	const s = `FR${pad(check)}${bban}`;
	return r() < 0.5 ? s : s.replace(/(.{4})/g, '$1 ').trim();
}

export function plantValue(type: PlantedType, r: Rng): string {
	const first = pick(r, FIRST);
	const last = pick(r, LAST);
	const d = 1 + Math.floor(r() * 28);
	const m = 1 + Math.floor(r() * 12);
	const y = 1975 + Math.floor(r() * 45);
	switch (type) {
		case 'email':
			return `${pick(r, ['contact', first.toLowerCase(), `${first[0].toLowerCase()}.${last.toLowerCase()}`])}@${pick(r, ['gmail.com', 'orange.fr', 'laposte.net', 'free.fr'])}`
				.normalize('NFD')
				.replace(/[\u0300-\u036f]/g, '');
		case 'phone': {
			const n = `0${pick(r, ['6', '7', '1', '9'])}${digits(r, 8)}`;
			const g = n.match(/../g)!;
			return pick(r, [
				g.join(' '),
				g.join('.'),
				n,
				`+33 ${n[1]} ${g.slice(1).join(' ')}`.replace(/^(\+33 \d) (\d)/, '$1 $2')
			]);
		}
		case 'nir':
			return nir(r);
		case 'iban':
			return iban(r);
		case 'ine':
			return `${digits(r, 9)}${pick(r, [...LETTERS])}${pick(r, [...LETTERS])}`;
		case 'plate':
			return `${pick(r, [...LETTERS])}${pick(r, [...LETTERS])}-${digits(r, 3)}-${pick(r, [...LETTERS])}${pick(r, [...LETTERS])}`;
		case 'birthdate':
			return pick(r, [
				`née le ${d} ${pick(r, FRENCH_MONTHS)} ${y}`,
				`DDN ${pad(d)}/${pad(m)}/${y}`,
				`${pad(d)}/${pad(m)}/${y}`,
				`date de naissance : ${y}-${pad(m)}-${pad(d)}`
			]);
		case 'address':
			return `${1 + Math.floor(r() * 120)} ${pick(r, WAYS)} ${pick(r, ['Victor Hugo', 'de la République', 'Jean Jaurès', 'des Lilas', 'du Moulin'])}`;
		case 'name':
			return pick(r, [
				`${first} ${last}`,
				`M. ${last}`,
				`Mme ${last}`,
				`la famille ${last}`,
				`${last.toUpperCase()} ${first}`,
				`${first} ${last[0]}.`
			]);
	}
}

const FREE_TEXT: Record<TabularKind, string | null> = {
	situations: 'commentaire',
	seances: null,
	incidents: 'description'
};

/**
 * Puts one identifier into the row's free-text column (or, for seances, which has none, into a
 * coded column), and says where. The row is copied, never mutated.
 */
export function plantIdentifier(
	row: Record<string, string>,
	kind: TabularKind,
	rng: Rng,
	type: PlantedType = pick(rng, PLANTED_TYPES)
): { row: Record<string, string>; column: string; type: PlantedType } {
	const column = FREE_TEXT[kind] ?? 'evaluation_strategies_precedentes';
	const value = plantValue(type, rng);
	const base = FREE_TEXT[kind] ? (row[column] ?? '') : '';
	const text = base && rng() < 0.7 ? `${base.replace(/\.$/, '')} ; ${value}.` : `Suivi : ${value}.`;
	return { row: { ...row, [column]: FREE_TEXT[kind] ? text.slice(0, 500) : value }, column, type };
}
