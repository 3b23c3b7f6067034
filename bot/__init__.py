"""The Telegram adapter and the processes around it (the only part that talks to Telegram)."""
