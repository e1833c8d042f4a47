"""What every layer shares: Vietnamese text and number formats, and opening the database."""
