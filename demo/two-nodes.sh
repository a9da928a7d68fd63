#!/usr/bin/env bash
# Two sovereign Borderlink nodes on this machine: a China node hosting Guangxi and Yunnan on http://127.0.0.1:5081
# and a Vietnam node hosting the border provinces on http://127.0.0.1:5082, each with its own SQLite database under
# demo/data/, their cards exchanged. Sign in on the Vietnam node as langson.liaison, write a note shared with Guangxi,
# then sign in on the China node as guangxi.officer: the note is there, marked as Lang Son's, read-only.
# Ctrl+C stops both. Delete demo/data/ to start again from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/demo/data"
BIN="$ROOT/src/Borderlink/bin/Release/net10.0"
mkdir -p "$DATA"
dotnet build src/Borderlink -c Release -nologo -v q

CN=(Node__Id=cn-gx Node__BaseUrl=http://127.0.0.1:5081 Node__HostedParties__0=CN-GX Node__HostedParties__1=CN-YN
    "ConnectionStrings__Borderlink=Data Source=$DATA/cn.db" Urls=http://127.0.0.1:5081)
VN=(Node__Id=vn-north Node__BaseUrl=http://127.0.0.1:5082 Node__HostedParties__0=VN-13 Node__HostedParties__1=VN-09
    Node__HostedParties__2=VN-04 Node__HostedParties__3=VN-07 Node__HostedParties__4=VN-02
    "ConnectionStrings__Borderlink=Data Source=$DATA/vn.db" Urls=http://127.0.0.1:5082)

run() { local -n vars=$1; shift; (cd "$BIN" && env "${vars[@]}" dotnet Borderlink.dll "$@"); }

run CN migrate
run VN migrate
run CN node card "$DATA/cn-card.json"
run VN node card "$DATA/vn-card.json"
run CN node import "$DATA/vn-card.json"
run VN node import "$DATA/cn-card.json"

run CN & cn=$!
run VN & vn=$!
trap 'kill $cn $vn 2>/dev/null; wait' INT TERM EXIT
echo "China node:   http://127.0.0.1:5081  (guangxi.officer / Border-Demo-2026!)"
echo "Vietnam node: http://127.0.0.1:5082  (langson.liaison / Border-Demo-2026!)"
wait
