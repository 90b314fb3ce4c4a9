// Run as a child process: starts dynalite and prints its endpoint, until killed.
import { startDynalite } from '@idem/test-servers';

const server = await startDynalite();
process.stdout.write(`${server.endpoint}\n`);
