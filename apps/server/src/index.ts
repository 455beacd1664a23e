/** What crosses to the web app: only the router's type. */
export type { AppRouter } from './routers/app.ts';
