"""Who may do what: accounts and their roles, passwords, login sessions, the audit trail.

They live apart from the report database (`data/dashboard.duckdb` -> `data/dashboard.accounts.duckdb`): a login
or an export writes a line to the trail, and writing into the report file would make every dashboard session
copy the figures again. The file is readable by the server's user only. Passwords are hashed with Argon2
(argon2-cffi), a few computations at a time (security.throttle). The first admin is created from the command
line, never from a default password."""


class AccountError(ValueError):
    """A Vietnamese message saying what is wrong with an account request and what to do."""
