import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Completeness } from '$lib/completeness';
import { useMount } from '../../../tests/helpers/components';
import CompletenessNotice from './CompletenessNotice.svelte';

const base: Completeness = {
	period: '2026-S1',
	expected: 5,
	transmitted: 1,
	groups: ['g1'],
	open: true,
	ongoing: false,
	provisional: true,
	published: false
};

const render = useMount();

describe('CompletenessNotice', () => {
	it('warns while the period is not published, with the label, when and who transmitted', () => {
		render(CompletenessNotice, { completeness: base, label: '1er semestre 2026' });
		const alert = document.querySelector('[data-testid="provisoire"]');
		expect(alert?.classList.contains('fr-alert--warning')).toBe(true);
		expect(alert?.textContent).toContain('1er semestre 2026 — non publiée :');
		expect(alert?.textContent).toContain(
			'seront publiés à la clôture de la collecte : 1 groupe sur 5 a transmis.'
		);
		expect(document.querySelector('[data-testid="complet"]')).toBeNull();
	});

	it('reads as a plain line once the period is complete, and follows its props', () => {
		const props = $state({
			completeness: { ...base, transmitted: 5, open: false, provisional: false, published: true }
		});
		render(CompletenessNotice, props);
		expect(document.querySelector('[data-testid="complet"]')?.textContent?.trim()).toBe(
			'Période complète : 5 groupes sur 5 ont transmis.'
		);
		props.completeness = { ...base, transmitted: 3 };
		flushSync();
		expect(document.querySelector('[data-testid="complet"]')).toBeNull();
		expect(document.querySelector('[data-testid="provisoire"]')?.textContent).toContain(
			'3 groupes sur 5 ont transmis'
		);
	});
});
