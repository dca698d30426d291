// The data source for the TypeORM CLI (`npx typeorm -d dist/libs/platform/src/database/data-source.js …`).
import { DataSource } from 'typeorm';
import { loadProcessConfig } from '../config/load-config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(loadProcessConfig()));
