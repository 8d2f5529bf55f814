// Fixed sample data for the test bench page of the charts (no release involved).
import { groupedBarChart, type GroupedSpec } from '$lib/charts/spec';

const AGES = ['0-5 ans', '6-10 ans', '11-15 ans', '16-17 ans', '18-25 ans'];

export function sampleChart(variant: number): GroupedSpec {
	return groupedBarChart({
		id: 'banc-age-sexe',
		title: 'Situations par tranche d’âge et sexe (exemple)',
		k: 5,
		categoryLabel: 'Tranche d’âge',
		valueLabel: 'Situations',
		seriesLabel: 'Sexe',
		series: [
			{ key: 'F', label: 'Femmes' },
			{ key: 'M', label: 'Hommes' }
		],
		data: AGES.flatMap((age, i) => [
			{
				category: age,
				series: 'F',
				value: 10 + ((i * 7 + variant * 5) % 23),
				status: 'published' as const
			},
			i === 1
				? { category: age, series: 'M', value: null, status: 'hidden' as const }
				: {
						category: age,
						series: 'M',
						value: 8 + ((i * 11 + variant * 3) % 19),
						status: 'published' as const
					}
		])
	});
}
