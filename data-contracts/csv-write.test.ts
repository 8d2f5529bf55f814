import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvDocument, neutralise } from './csv-write';

describe('the one CSV writer', () => {
	it('neutralises every formula start, full-width forms included', () => {
		for (const lead of ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
			expect(neutralise(`${lead}1`)).toBe(`'${lead}1`);
		expect(neutralise('a=1')).toBe('a=1');
		expect(csvCell('=A1;B1')).toBe(`"'=A1;B1"`);
		expect(csvCell(null)).toBe('');
		expect(csvDocument(['a', 'b'], [[1, 'x"y']])).toBe(`${BOM}a;b\r\n1;"x""y"\r\n`);
	});
});
