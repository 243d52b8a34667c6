import process from 'node:process';

process.stdout.write('ob3kit: command line coming soon\n');
