import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import { useMount } from '../../../tests/helpers/components';
import Table from './Table.svelte';

const render = useMount();

const rows = createRawSnippet(() => ({
	render: () => '<tr><th scope="row">Évry</th><td>12</td></tr>'
}));

describe('Table', () => {
	it('renders the DSFR table with its caption, column headers and rows', () => {
		render(Table, {
			caption: 'Communes',
			headers: ['Commune', 'Groupes'],
			children: rows,
			size: 'sm',
			id: 'table-communes',
			tableTestid: 'communes'
		});
		const block = document.querySelector('#table-communes')!;
		expect([...block.classList]).toEqual(['fr-table', 'fr-table--sm']);
		const table = block.querySelector(
			'.fr-table__wrapper .fr-table__container .fr-table__content table'
		)!;
		expect(table.getAttribute('data-testid')).toBe('communes');
		expect(table.querySelector('caption')?.textContent).toBe('Communes');
		expect(
			[...table.querySelectorAll('thead th[scope="col"]')].map((th) => th.textContent)
		).toEqual(['Commune', 'Groupes']);
		expect(table.querySelector('tbody tr th[scope="row"]')?.textContent).toBe('Évry');
		expect(block.querySelector('[role="region"]')).toBeNull();
	});

	it('hides the caption for sight only, and makes an overflowing table a named focusable region', () => {
		render(Table, {
			caption: 'Groupes de la commune',
			captionHidden: true,
			bordered: true,
			region: 'Groupes',
			headers: ['Groupe'],
			children: rows,
			after: createRawSnippet(() => ({ render: () => '<p class="bp-legend">s : secret</p>' })),
			testid: 'groupes'
		});
		const block = document.querySelector('[data-testid="groupes"]')!;
		expect(block.classList.contains('fr-table--no-caption')).toBe(true);
		expect(block.classList.contains('fr-table--bordered')).toBe(true);
		expect(block.querySelector('caption')?.textContent).toBe('Groupes de la commune');
		const region = block.querySelector('.fr-table__container')!;
		expect(region.getAttribute('role')).toBe('region');
		expect(region.getAttribute('aria-label')).toBe('Groupes');
		expect(region.getAttribute('tabindex')).toBe('0');
		// what follows the table stays inside the block, after its wrapper
		expect(block.lastElementChild?.textContent).toBe('s : secret');
	});
});
