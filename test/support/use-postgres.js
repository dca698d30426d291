process.env.MAILROOM_TEST_DB = 'postgres';
