#!/usr/bin/env bash
# Restauration d'une sauvegarde dans une base PostgreSQL NEUVE et vide (créée avant avec
# `createdb`), puis démarrage des serveurs sur cette base (DATABASE_URL).
#   deploy/restauration.sh /var/backups/bilans-2026-12-01.dump postgres://bilans@127.0.0.1/bilans_restauree
set -euo pipefail
dump="${1:?usage : restauration.sh FICHIER.dump URL_DE_LA_BASE_NEUVE}"
target="${2:?usage : restauration.sh FICHIER.dump URL_DE_LA_BASE_NEUVE}"
tables=$(psql "$target" -Atc "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')")
if [ "$tables" != "0" ]; then
	echo "La base cible contient déjà $tables tables : restaurez dans une base neuve (createdb)." >&2
	exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$dump"
echo "Restauration terminée : démarrez les serveurs avec DATABASE_URL désignant cette base."
