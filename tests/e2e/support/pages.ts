import { demoUsers, type DemoUser } from './auth';

/** Demo trajectories (src/lib/server/demo/plans.ts): Anna's plan waits for UWV, Ruud's is active. */
export const demoTrajectoryIds = {
	annaSubmitted: '00000000-0000-4000-8000-000000000001',
	keesOverdue: '00000000-0000-4000-8000-000000000002',
	ruudActive: '00000000-0000-4000-8000-000000000004'
} as const;

/** The confirmation page of erasure is shown for client2 (never sent: no test erases client2). */
const demoClient2Id = 'user-demo-client2';

/** The pages of the portal, per visitor: what the accessibility and small-screen runs visit. */
export const publicPages = ['/', '/login', '/toegankelijkheid', '/privacy', '/uitnodiging/onbekend.onbekend', '/bestaat-niet'];

export const pagesByUser: { user: DemoUser; paths: string[] }[] = [
	{ user: demoUsers.client, paths: ['/plan', '/aanbieders', '/enquete', '/meldingen', '/account', '/beheer' /* 403 */] },
	{
		user: demoUsers.provider,
		paths: [
			'/aanbieder',
			`/aanbieder/clienten/${demoTrajectoryIds.annaSubmitted}/plan`,
			`/aanbieder/clienten/${demoTrajectoryIds.ruudActive}/afsluiten`,
			'/meldingen',
			'/account'
		]
	},
	{
		user: demoUsers.reviewerUwv,
		paths: ['/beoordelen', '/beoordelen?status=all', `/beoordelen/${demoTrajectoryIds.keesOverdue}`, '/beoordelen/clienten/nieuw', '/meldingen', '/account']
	},
	{ user: demoUsers.researcher, paths: ['/onderzoek', '/onderzoek/tokens', '/onderzoek/microdata', '/meldingen', '/account'] },
	{
		user: demoUsers.admin,
		paths: [
			'/beheer',
			'/beheer?rol=reviewer',
			'/beheer/accounts/nieuw',
			'/beheer/regels',
			'/beheer/outbox',
			'/beheer/enquete',
			'/beheer/enquete/import',
			'/beheer/enquete/uitnodigen',
			'/beheer/clienten',
			`/beheer/clienten/${demoClient2Id}/wissen`,
			'/meldingen',
			'/account'
		]
	}
];
