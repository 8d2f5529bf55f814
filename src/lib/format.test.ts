import { describe, expect, it } from 'vitest';
import {
	formatCell,
	formatChange,
	formatCount,
	formatNumber,
	formatPer1000,
	formatPercent,
	formatPlainDecimal,
	hiddenMarker,
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

	it('writes plain decimals for spreadsheets', () => {
		expect(formatPlainDecimal(1234.5)).toBe('1234,5');
		expect(formatPlainDecimal(2, 2)).toBe('2,00');
	});

	it('reads a hidden cell as "< k" whatever value it carries', () => {
		expect(hiddenMarker(5)).toBe('< 5');
		expect(formatCount({ value: 3, status: 'hidden' }, 5)).toBe('< 5');
		expect(formatCount({ value: 42, status: 'hidden' }, 5)).toBe('< 5');
		expect(formatCount({ value: null, status: 'hidden' }, 4)).toBe('< 4');
		expect(formatCount({ value: 0, status: 'published' }, 5)).toBe('0');
		expect(formatCell({ value: 12.34, status: 'hidden' }, 5, 'per1000')).toBe('< 5');
	});

	it('refuses a threshold below 3', () => {
		expect(() => hiddenMarker(2)).toThrow(RangeError);
		expect(() => hiddenMarker(4.5)).toThrow(RangeError);
	});

	it('formats shares and rates per 1,000 inhabitants', () => {
		expect(formatPercent(0.123)).toBe(`12${NNBSP}%`);
		expect(formatPercent(0.1234, 1)).toBe(`12,3${NNBSP}%`);
		expect(formatPer1000(12.34)).toBe(`12,3${NNBSP}‰`);
		expect(ratePer1000(37, 3000)).toBeCloseTo(12.333, 3);
		expect(ratePer1000(37, 0)).toBeNull();
		expect(ratePer1000(null, 1000)).toBeNull();
		expect(formatCell({ value: ratePer1000(37, 3000), status: 'published' }, 5, 'per1000')).toBe(
			`12,3${NNBSP}‰`
		);
		expect(formatCell({ value: 0.5, status: 'published' }, 5, 'percent')).toBe(`50${NNBSP}%`);
	});

	it('signs changes from the previous period', () => {
		expect(formatChange(3)).toBe('+3');
		expect(formatChange(-2)).toBe(`${MINUS}2`);
		expect(formatChange(0)).toBe('0');
		expect(formatChange(-0.04, 1)).toBe('0,0');
		expect(formatChange(1.25, 1, ' ‰')).toBe('+1,3 ‰');
	});
});
