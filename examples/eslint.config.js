// What a project puts in its eslint.config.js: the plugin's recommended preset (it applies to
// TypeScript and JavaScript modules and brings the TypeScript parser along), and its `python` preset
// for the SQLModel models and Alembic migrations of the FastAPI back end in python/ (`**/*.py`, the
// plugin's Python language). Nothing else is needed for a schema split across files: the plugin follows the imports
// (the barrel db/schema/index.ts, the helpers in db/columns.ts, the mixin in python/app/mixins.py) and
// reads the schema set from drizzle.config.ts.
import dataModeling from 'eslint-plugin-data-modeling';

export default [dataModeling.configs.recommended, dataModeling.configs.python];
