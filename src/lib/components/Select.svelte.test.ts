import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { useMount } from '../../../tests/helpers/components';
import Select from './Select.svelte';

const render = useMount();

const options = [
	{ value: 'a', label: 'Athis-Mons' },
	{ value: 'e', label: 'Évry' }
];

describe('Select', () => {
	it('keeps the choice the server rendered, after the empty option, with hint and errors', () => {
		render(Select, {
			id: 'f-commune',
			name: 'commune',
			label: 'Commune',
			hint: 'Une seule',
			empty: 'Toutes',
			options,
			selected: 'e',
			errors: ['Choisissez une commune.'],
			class: 'fr-col-12'
		});
		flushSync();
		const select = document.querySelector<HTMLSelectElement>('#f-commune')!;
		expect(select.name).toBe('commune');
		expect([...select.options].map((o) => [o.value, o.text])).toEqual([
			['', 'Toutes'],
			['a', 'Athis-Mons'],
			['e', 'Évry']
		]);
		// the server's choice is the `selected` attribute (happy-dom does not derive the value from it)
		expect([...select.options].map((o) => o.hasAttribute('selected'))).toEqual([
			false,
			false,
			true
		]);
		const group = select.closest('.fr-select-group')!;
		expect(group.classList.contains('fr-col-12')).toBe(true);
		expect(group.classList.contains('fr-select-group--error')).toBe(true);
		expect(group.querySelector('.fr-error-text')?.textContent).toBe('Choisissez une commune.');
		expect(document.querySelector('label[for="f-commune"] .fr-hint-text')?.textContent).toBe(
			'Une seule'
		);
	});

	it('shows a bound value and follows its changes', () => {
		// (the other way, the choice read back on change, is left to the browser tests: happy-dom
		// does not match `:checked` options, which svelte reads)
		const props = $state({ value: 'e' });
		render(Select, {
			id: 'c-epci',
			label: 'EPCI',
			options,
			get value() {
				return props.value;
			},
			set value(v: string | undefined) {
				props.value = v ?? '';
			}
		});
		flushSync();
		const select = document.querySelector<HTMLSelectElement>('#c-epci')!;
		expect(select.value).toBe('e');
		props.value = 'a';
		flushSync();
		expect(select.value).toBe('a');
		expect(select.closest('.fr-select-group')?.classList.contains('fr-select-group--error')).toBe(
			false
		);
	});
});
