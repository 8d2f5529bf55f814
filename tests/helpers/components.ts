// Components mounted on the page's body for the component tests (happy-dom), unmounted and the
// body emptied after each test.
import { mount, unmount, type Component } from 'svelte';
import { afterEach } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the props bound of svelte's `mount`
type Render = <Props extends Record<string, any>>(
	component: Component<Props>,
	props: Props
) => void;

/** Call at the top of a test file; the returned `render` mounts one component in a test. */
export function useMount(): Render {
	let mounted: Record<string, unknown> | null = null;
	afterEach(() => {
		if (mounted) void unmount(mounted);
		mounted = null;
		document.body.innerHTML = '';
	});
	return (component, props) => {
		mounted = mount(component, { target: document.body, props });
	};
}
