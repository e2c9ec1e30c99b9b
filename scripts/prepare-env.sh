#!/usr/bin/env bash
# First `make run`: create .env from compose/.env.example with fresh secrets, printed once.
set -euo pipefail
[ -f .env ] && exit 0
random_hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
admin_token=$(random_hex)
bot_secret=$(random_hex)
sed -e "s/^ADMIN_API_TOKEN=.*/ADMIN_API_TOKEN=${admin_token}/" \
    -e "s/^BOT_API_SECRET=.*/BOT_API_SECRET=${bot_secret}/" \
    compose/.env.example > .env
chmod 600 .env
cat <<MSG
Created .env with fresh secrets (shown only now; they stay in .env):
  ADMIN_API_TOKEN=${admin_token}
  BOT_API_SECRET=${bot_secret}
Set TELEGRAM_BOT_TOKEN in .env to start the Telegram bot as well.
MSG
