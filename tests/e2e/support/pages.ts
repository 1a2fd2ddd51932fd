import { demoUsers, type DemoUser } from './auth';

/** The pages of the portal, per visitor: what the accessibility and small-screen runs visit. */
export const publicPages = ['/', '/login', '/toegankelijkheid', '/privacy', '/uitnodiging/onbekend.onbekend', '/bestaat-niet'];

export const pagesByUser: { user: DemoUser; paths: string[] }[] = [
	{ user: demoUsers.client, paths: ['/plan', '/aanbieders', '/enquete', '/account', '/beheer' /* 403 */] },
	{ user: demoUsers.provider, paths: ['/aanbieder', '/account'] },
	{ user: demoUsers.reviewerUwv, paths: ['/beoordelen', '/beoordelen/clienten/nieuw', '/account'] },
	{ user: demoUsers.researcher, paths: ['/onderzoek', '/account'] },
	{ user: demoUsers.admin, paths: ['/beheer', '/beheer?rol=reviewer', '/beheer/accounts/nieuw', '/account'] }
];
