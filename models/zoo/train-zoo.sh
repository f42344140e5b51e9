#!/usr/bin/env bash
# Trains the model zoo: vnet-lite on phantom-lesions, once per loss, and copies each model and its
# card to models/zoo/. Resumable: a run interrupted at any point continues from its checkpoint when
# the script is run again (runs live in models/zoo/runs/, which git ignores).
#
#   models/zoo/train-zoo.sh                  # every loss
#   models/zoo/train-zoo.sh dice focal       # some of them
#
# ZOO_STEPS, ZOO_WIDTH, ZOO_PATCH, ZOO_VAL_EVERY and ZOO_DATASET override the settings below
# (the tests use a tiny configuration).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

steps="${ZOO_STEPS:-5000}"
width="${ZOO_WIDTH:-8}"
patch="${ZOO_PATCH:-48}"
val_every="${ZOO_VAL_EVERY:-500}"
dataset="${ZOO_DATASET:-phantom-lesions}"

declare -A spec=(
  [ce]="ce"
  [dice]="dice"
  [generalized-dice]="generalized-dice"
  [focal]="focal"
  [exp-log]="exp-log"
  [dice+ce]="dice+ce"
  [dice+focal]="dice+focal"
  [tversky]="tversky:alpha=0.3,beta=0.7"   # Salehi 2017: false negatives weigh 0.7 (0.5/0.5 would be the Dice loss)
)
losses=("$@")
[[ ${#losses[@]} -gt 0 ]] || losses=(ce dice generalized-dice focal exp-log dice+ce dice+focal tversky)

for name in "${losses[@]}"; do
  [[ -n "${spec[$name]:-}" ]] || { echo "train-zoo: unknown loss '$name'; known: ${!spec[*]}" >&2; exit 2; }
  run="$here/runs/$name"
  resume=()
  [[ -f "$run/checkpoint.bin" ]] && resume=(--resume)
  echo "train-zoo: $name (${steps} steps, vnet-lite width ${width}, ${patch}^3 patches)" >&2
  "$root/lossbench" train --dataset "$dataset" --model "vnet-lite:width=$width" --loss "${spec[$name]}" \
    --steps "$steps" --patch "$patch" --val-every "$val_every" --seed 0 --out "$run" "${resume[@]}" > /dev/null
  cp "$run/model.onnx" "$here/vnet-lite-$name.onnx"
  cp "$run/model.card.json" "$here/vnet-lite-$name.card.json"
done
