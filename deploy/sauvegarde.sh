#!/usr/bin/env bash
# Sauvegarde à chaud de la base PostgreSQL (cohérente, sans arrêter les serveurs).
#   DATABASE_URL=postgres://… deploy/sauvegarde.sh /var/backups/bilans-$(date +%F).dump
set -euo pipefail
out="${1:?usage : sauvegarde.sh FICHIER.dump}"
: "${DATABASE_URL:?DATABASE_URL doit désigner la base à sauvegarder}"
pg_dump --format=custom --no-owner --no-privileges --file="$out.partiel" "$DATABASE_URL"
# Le fichier n'apparaît sous son nom qu'une fois complet et relisible.
pg_restore --list "$out.partiel" >/dev/null
mv "$out.partiel" "$out"
echo "Sauvegarde écrite : $out ($(du -h "$out" | cut -f1))"
