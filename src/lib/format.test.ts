import { describe, expect, it } from 'vitest';
import {
	agree,
	compareFr,
	elide,
	formatBytes,
	formatDate,
	formatDateTime,
	formatShortDateTime,
	plural,
	sortFr,
	formatCell,
	formatChange,
	formatCount,
	formatNumber,
	formatPer1000,
	formatPercent,
	formatPlainDecimal,
	checkThreshold,
	HIDDEN_KEY,
	HIDDEN_MARKER,
	hiddenNotice,
	MINUS,
	NNBSP,
	ratePer1000
} from './format';

describe('French number formatting', () => {
	it('groups thousands with a narrow no-break space and uses a decimal comma', () => {
		expect(formatNumber(1234567)).toBe(`1${NNBSP}234${NNBSP}567`);
		expect(formatNumber(1234.56, 1)).toBe(`1${NNBSP}234,6`);
		expect(formatNumber(0.5, 2)).toBe('0,50');
		expect(formatNumber(-3)).toBe(`${MINUS}3`);
		expect(formatNumber(-0)).toBe('0');
		expect(formatNumber(Number.NaN)).toBe('');
	});

	it('writes file sizes in French units of 1,024', () => {
		expect(formatBytes(50 * 1024 * 1024)).toBe('50 Mo');
		expect(formatBytes(20 * 1024 * 1024)).toBe('20 Mo');
		expect(formatBytes(1.5 * 1024 * 1024)).toBe('1,5 Mo');
		expect(formatBytes(800 * 1024 - 10)).toBe('800 Ko');
		expect(formatBytes(12)).toBe('12 octets');
		expect(formatBytes(2000 * 1024 * 1024)).toBe(`2${NNBSP}000 Mo`);
	});

	it('writes plain decimals for spreadsheets', () => {
		expect(formatPlainDecimal(1234.5)).toBe('1234,5');
		expect(formatPlainDecimal(2, 2)).toBe('2,00');
	});

	it('reads every hidden cell as the one neutral marker « s », whatever value or reason', () => {
		expect(HIDDEN_MARKER).toBe('s');
		expect(HIDDEN_KEY).toBe(
			's : secret statistique — case masquée pour qu’aucune personne ne puisse être reconnue'
		);
		expect(formatCount({ value: 3, status: 'hidden' })).toBe('s');
		expect(formatCount({ value: 42, status: 'hidden' })).toBe('s');
		expect(formatCount({ value: null, status: 'hidden' })).toBe('s');
		expect(formatCount({ value: 0, status: 'published' })).toBe('0');
		expect(formatCell({ value: 12.34, status: 'hidden' }, 'per1000')).toBe('s');
		expect(hiddenNotice(5)).toContain('de 1 à 4 sont remplacés par « s »');
		expect(hiddenNotice(5)).not.toContain('< 5');
	});

	it('refuses a threshold below 3', () => {
		expect(checkThreshold(3)).toBe(3);
		expect(() => checkThreshold(2)).toThrow(RangeError);
		expect(() => checkThreshold(4.5)).toThrow(RangeError);
		expect(() => hiddenNotice(2)).toThrow(RangeError);
	});

	it('formats shares and rates per 1,000 inhabitants', () => {
		expect(formatPercent(0.123)).toBe(`12${NNBSP}%`);
		expect(formatPercent(0.1234, 1)).toBe(`12,3${NNBSP}%`);
		expect(formatPer1000(12.34)).toBe(`12,3${NNBSP}‰`);
		expect(ratePer1000(37, 3000)).toBeCloseTo(12.333, 3);
		expect(ratePer1000(37, 0)).toBeNull();
		expect(ratePer1000(null, 1000)).toBeNull();
		expect(formatCell({ value: ratePer1000(37, 3000), status: 'published' }, 'per1000')).toBe(
			`12,3${NNBSP}‰`
		);
		expect(formatCell({ value: 0.5, status: 'published' }, 'percent')).toBe(`50${NNBSP}%`);
	});

	it('signs changes from the previous period', () => {
		expect(formatChange(3)).toBe('+3');
		expect(formatChange(-2)).toBe(`${MINUS}2`);
		expect(formatChange(0)).toBe('0');
		expect(formatChange(-0.04, 1)).toBe('0,0');
		expect(formatChange(1.25, 1, ' ‰')).toBe('+1,3 ‰');
	});
});

describe('French words, dates and sorting', () => {
	it('agrees words with counts (0 and 1 singular) and formats the count', () => {
		expect(plural(1, 'groupe complet')).toBe('1 groupe complet');
		expect(plural(0, 'groupe complet')).toBe('0 groupe complet');
		expect(plural(2, 'groupe complet')).toBe('2 groupes complets');
		expect(plural(160, 'fichier manquant')).toBe('160 fichiers manquants');
		expect(plural(100000, 'ligne')).toBe(`100${NNBSP}000 lignes`);
		expect(plural(3, 'bilan annuel')).toBe('3 bilans annuels');
		expect(plural(2, 'réseau local')).toBe('2 réseaux locaux');
		expect(plural(4, 'passage ressemble', 'passages ressemblent')).toBe('4 passages ressemblent');
		expect(agree(2, 'fichier en retard', 'fichiers en retard')).toBe('fichiers en retard');
	});
	it('elides before a vowel sound', () => {
		expect(`Bilan ${elide('de', 'Évry-Courcouronnes')}`).toBe('Bilan d’Évry-Courcouronnes');
		expect(elide('de', 'Athis-Mons')).toBe('d’Athis-Mons');
		expect(elide('de', 'Igny')).toBe('d’Igny');
		expect(elide('de', 'Corbeil-Essonnes')).toBe('de Corbeil-Essonnes');
		expect(elide('de', 'Yerres')).toBe('de Yerres');
		expect(elide('de', 'Hardricourt')).toBe('de Hardricourt');
		expect(elide('le', 'EPCI')).toBe('l’EPCI');
	});
	it('writes dates in Paris time', () => {
		expect(formatDate('2026-12-31')).toBe('31 décembre 2026');
		// 23:30 UTC on 30 June is 1:30 on 1 July in Paris
		expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 juillet 2026');
		expect(formatDateTime('2026-01-15T08:05:00Z')).toBe('15 janvier 2026 à 09:05');
		expect(formatShortDateTime('2026-07-01T10:05:00Z')).toBe('01/07/2026 12:05');
	});
	it('sorts with French collation (É with E, not after Z)', () => {
		const names = ['Évry-Courcouronnes', 'Zorro', 'Étampes', 'Epinay', 'Egly', 'Arpajon'];
		expect(sortFr(names, (n) => n)).toEqual([
			'Arpajon',
			'Egly',
			'Epinay',
			'Étampes',
			'Évry-Courcouronnes',
			'Zorro'
		]);
		expect(compareFr('groupe 2', 'groupe 10')).toBeLessThan(0);
	});
});
