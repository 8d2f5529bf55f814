import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompareFilters } from '$lib/departement/compare';
import CompareControls from './CompareControls.svelte';

let mounted: Record<string, unknown> | null = null;
afterEach(() => {
	if (mounted) void unmount(mounted);
	mounted = null;
	document.body.innerHTML = '';
});

const option = (id: string, label: string) => ({ id, label });

describe('CompareControls', () => {
	it('tells which control changed, and stays a GET form without JavaScript', () => {
		const changed: (keyof CompareFilters)[] = [];
		const props = $state({
			filters: {
				period: '2025-S2',
				indicator: 'situations',
				sizeClass: '',
				epci: '',
				arrondissement: '',
				reference: '',
				sort: 'taux'
			} as CompareFilters,
			periods: [
				{ code: '2025-S2', label: '2e semestre 2025' },
				{ code: '2025-S1', label: '1er semestre 2025' }
			],
			indicators: [
				option('situations', 'Situations'),
				option('problematique:logement', 'Logement')
			],
			sizeClasses: [option('moins-2000', 'Moins de 2 000 habitants')],
			epcis: [option('epci-1', 'CA Exemple')],
			arrondissements: [option('arr-1', 'Évry')],
			units: [option('91228', 'Évry-Courcouronnes'), option('91377', 'Massy')],
			onchange: (field: keyof CompareFilters) => changed.push(field)
		});
		mounted = mount(CompareControls, { target: document.body, props });
		const pick = (id: string, value: string) => {
			const select = document.getElementById(id) as HTMLSelectElement;
			select.value = value;
			select.dispatchEvent(new Event('change', { bubbles: true }));
			flushSync();
		};
		expect(document.querySelector('label[for="c-reference"]')?.textContent).toBe(
			'Comparer une commune à celles de taille proche'
		);
		pick('c-reference', '91377');
		pick('c-tri', 'nom');
		expect(changed).toEqual(['reference', 'sort']);
		// Without JavaScript the form is a GET form naming the URL parameters.
		const form = document.querySelector('form')!;
		expect(form.getAttribute('method')).toBe('GET');
		expect([...form.querySelectorAll('select')].map((s) => s.getAttribute('name'))).toEqual([
			'periode',
			'indicateur',
			'reference',
			'taille',
			'epci',
			'arrondissement',
			'tri'
		]);
	});
});
